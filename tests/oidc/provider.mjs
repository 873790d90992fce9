// A real OpenID Connect provider for the single sign-on tests (npm oidc-provider, certified OP).
//
// Started by tests/oidc_provider.py on loopback:
//   node provider.mjs PORT REDIRECT_URI CLIENT_SECRET
// Anyone may log in at its development login form; the login name is the account's e-mail
// address (claim "email", in the ID token). POST /test/mode with body "normal", "tamper" or
// "expire" makes the next token responses carry an ID token with a broken signature or one
// that expired an hour ago, signed with the provider's own key: the dashboard must refuse both.
import { generateKeyPair, exportJWK, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'gsn-dashboard',
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false, // the dashboard reads the e-mail from the ID token, as from Keycloak or Entra ID
  findAccount: async (_context, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id }),
  }),
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  jwks: { keys: [signingKey] },
  cookies: { keys: ['gsn-test-cookie-key'] },
});

let mode = 'normal';

provider.use(async (context, next) => {
  if (context.path === '/test/mode' && context.method === 'POST') {
    let body = '';
    for await (const chunk of context.req) body += chunk;
    mode = body.trim();
    context.body = { mode };
    return;
  }
  // Streamlit asks for prompt=select_account (Google's, Entra ID's); this provider knows "login".
  if (context.path === '/auth' && context.query.prompt === 'select_account') {
    context.query = { ...context.query, prompt: 'login' };
  }
  await next();
  if (context.path === '/token' && context.body && context.body.id_token && mode !== 'normal') {
    context.body = { ...context.body, id_token: await altered(context.body.id_token) };
  }
});

async function altered(idToken) {
  const claims = decodeJwt(idToken);
  if (mode === 'tamper') {
    // Same signature, other claims: a forged e-mail address.
    const [header, , signature] = idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'admin@example.de' })).toString('base64url');
    return `${header}.${forged}.${signature}`;
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
    .setProtectedHeader(decodeProtectedHeader(idToken))
    .sign(privateKey);
}

provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
