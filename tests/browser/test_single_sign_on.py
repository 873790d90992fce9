"""Single sign-on against a real OpenID Connect provider, driven in Chromium (issue 18, point 8).

The provider (npm ``oidc-provider``, tests/oidc/) runs on loopback; the dashboard's
``secrets.toml`` is the shipped example filled in (tests/oidc_provider.py). An account with
the editor role logs in through the provider and sees "Daten"; an e-mail without an account
is logged in but gets no rights and a German explanation; logging out ends the rights; an
ID token with a forged claim or one that expired is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data_access.account_admin import lock_account
from data_access.accounts import add_account
from data_access.setup import prepare_database
from tests.oidc_provider import SingleSignOn, provider_installed, single_sign_on
from tests.served import BROWSER_MARKS, shoot, wait_until_idle

pytestmark = [
    *BROWSER_MARKS,
    pytest.mark.skipif(not provider_installed(), reason="node oder tests/oidc/node_modules fehlt (.ci/run)"),
]

EDITOR_MAIL = "redaktion@kiel.example.de"
STRANGER_MAIL = "gast@example.de"
NO_RIGHTS = "Ihr Zugang hat keine Schreibrechte"
LOCKED_MAIL = "gesperrt@kiel.example.de"


@pytest.fixture(scope="module")
def sso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SingleSignOn]:
    folder = tmp_path_factory.mktemp("sso")
    url = f"sqlite:///{folder / 'gsn.sqlite'}"
    engine = prepare_database(url, demo_if_new=True)
    # The password is never used: the provider proves who logs in.
    add_account(engine, EDITOR_MAIL, "nie-benutztes-passwort", "editor", "Kiel", actor="test")
    add_account(engine, LOCKED_MAIL, None, "editor", "Kiel", actor="test")
    lock_account(engine, LOCKED_MAIL, actor="test")
    engine.dispose()
    with single_sign_on(url, folder) as running:
        yield running


@pytest.fixture(autouse=True)
def normal_tokens(sso: SingleSignOn) -> Iterator[None]:
    sso.set_mode("normal")
    yield
    sso.set_mode("normal")


def log_in_at_the_provider(page, sso: SingleSignOn, mail: str) -> None:
    """From the dashboard's Import page through the provider's login and consent back to the dashboard."""
    page.goto(f"{sso.dashboard}/daten", timeout=60_000)
    page.get_by_role("button", name="Anmelden").click(timeout=60_000)
    page.wait_for_url(f"{sso.issuer}/**", timeout=30_000)
    page.locator("input[name='login']").fill(mail)
    page.locator("input[name='password']").fill("egal")
    page.locator("button[type='submit']").click()
    consent = page.locator("button[type='submit']")  # the provider asks once to share the e-mail address
    page.wait_for_url(lambda url: url.startswith(sso.dashboard) or "/interaction/" in url, timeout=30_000)
    if page.url.startswith(sso.issuer):
        consent.click()
    page.wait_for_url(f"{sso.dashboard}/**", timeout=30_000)


def log_out(page, sso: SingleSignOn, button) -> None:
    """Log out in the dashboard; the provider ends its session too (it asks once) and sends the browser back."""
    button.click()
    page.wait_for_url(f"{sso.issuer}/session/end**", timeout=30_000)
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{sso.dashboard}/**", timeout=30_000)


def data_section_visible(page, sso: SingleSignOn) -> bool:
    """Whether the Import page lets this browser work (its data kinds) rather than asking for a login."""
    page.goto(f"{sso.dashboard}/daten", timeout=60_000)
    rights = page.get_by_text("Art der Daten")
    answers = rights.or_(page.get_by_role("button", name="Anmelden")).or_(page.get_by_text(NO_RIGHTS))
    answers.first.wait_for(timeout=60_000)
    wait_until_idle(page)
    return rights.count() == 1


def test_an_editor_logs_in_through_the_provider_sees_daten_and_logs_out(sso: SingleSignOn, page) -> None:
    log_in_at_the_provider(page, sso, EDITOR_MAIL)
    assert data_section_visible(page, sso)
    sidebar = page.get_by_test_id("stSidebar")
    # plain() keeps the address from becoming a mail link with a word joiner after "@".
    assert f"Angemeldet: {EDITOR_MAIL} · Redaktion · nur Kiel" in sidebar.inner_text().replace("\u2060", "")
    assert page.get_by_test_id("stSidebarNav").get_by_text("Import").count() == 1
    shoot(page, "sso_angemeldet")
    log_out(page, sso, sidebar.get_by_role("button", name="Abmelden"))
    assert not data_section_visible(page, sso)  # the rights end with the logout


def test_an_e_mail_without_an_account_is_logged_in_without_rights(sso: SingleSignOn, page) -> None:
    log_in_at_the_provider(page, sso, STRANGER_MAIL)
    assert not data_section_visible(page, sso)
    page.get_by_text(NO_RIGHTS).wait_for(timeout=30_000)
    assert page.get_by_test_id("stSidebarNav").get_by_text("Import").count() == 0
    shoot(page, "sso_ohne_konto")
    log_out(page, sso, page.get_by_role("button", name="Abmelden"))
    assert not data_section_visible(page, sso)
    assert page.get_by_text(NO_RIGHTS).count() == 0


@pytest.mark.parametrize("mode", ["tamper", "expire"])
def test_a_forged_or_expired_id_token_is_refused(sso: SingleSignOn, page, mode: str) -> None:
    sso.set_mode(mode)
    log_in_at_the_provider(page, sso, EDITOR_MAIL)
    assert not data_section_visible(page, sso)
    assert page.get_by_text(NO_RIGHTS).count() == 0  # not even logged in without rights
    assert "Angemeldet:" not in page.get_by_test_id("stSidebar").inner_text()


def test_a_locked_account_is_told_so(sso: SingleSignOn, page) -> None:
    log_in_at_the_provider(page, sso, LOCKED_MAIL.upper())  # the provider may write the address in capitals
    assert not data_section_visible(page, sso)
    page.get_by_text("ist gesperrt. Bitte bei der Geschäftsstelle melden.").wait_for(timeout=30_000)
