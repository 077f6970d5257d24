"""The profiles file: round trip, privacy, the rules of a profile; exit statuses."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s20.client._exit import describe, exit_status, worst
from s20.client._profiles import (
    Profile,
    ProfileError,
    config_path,
    load_profiles,
    run_password_command,
    save_profiles,
)
from s20.errors import AccessDenied, InvalidParams, S20Timeout, TokenError, TooManyAttempts


def test_the_file_is_under_xdg_config_home_or_dot_config() -> None:
    assert config_path({"XDG_CONFIG_HOME": "/x"}) == Path("/x/s20ctl/config.toml")
    home = Path.home() / ".config" / "s20ctl" / "config.toml"
    assert config_path({}) == home
    assert config_path({"XDG_CONFIG_HOME": "relative"}) == home  # the spec ignores those


@given(
    password=st.text(st.characters(exclude_categories=["Cs"]), min_size=1),
    command=st.text(st.characters(exclude_categories=["Cs"])),
)
def test_any_password_survives_the_round_trip(
    tmp_path_factory: pytest.TempPathFactory, password: str, command: str
) -> None:
    path = tmp_path_factory.mktemp("cfg") / "s20ctl" / "config.toml"
    profiles = {
        "a": Profile("a", "http://192.168.8.1", password=password),
        "b-2": Profile("b-2", "https://[fe80::1]:8443/", password_command=command),
    }
    save_profiles(path, profiles)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_profiles(path) == profiles


def test_a_file_others_may_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_profiles(path, {"a": Profile("a", "http://127.0.0.1")})
    path.chmod(0o640)
    with pytest.raises(ProfileError, match=r"mode 0640.*chmod 600"):
        load_profiles(path)
    assert load_profiles(tmp_path / "missing.toml") == {}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ('[devices.a]\nurl = "ftp://x"\n', "not an http:// or https:// URL"),
        ('[devices.a]\nurl = "http://x"\npassword = "p"\npassword_command = "c"\n', "not both"),
        ('[devices.a]\nurl = "http://x"\npasword = "p"\n', "unknown key 'pasword'"),
        ("[devices.a]\npassword = 'p'\n", "url is required"),
        ('[devices."a b"]\nurl = "http://x"\n', "letters, digits"),
        ("[devices.a]\nurl = 1\n", "url must be a string"),
        ("devices = 1\n", "table of"),
        ("[devices\n", "cannot read"),
    ],
)
def test_a_broken_profile_names_the_rule(tmp_path: Path, text: str, rule: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    path.chmod(0o600)
    with pytest.raises(ProfileError, match=rule) as info:
        load_profiles(path)
    assert info.value.exit_code == 2


def test_a_password_command_prints_the_password_or_fails_clearly() -> None:
    ok = Profile("a", "http://x", password_command=f"{sys.executable} -c \"print('pw 1')\"")
    assert run_password_command(ok) == "pw 1"
    failing = f"{sys.executable} -c \"import sys; sys.exit('no key')\""
    with pytest.raises(ProfileError, match="exit status 1: no key"):
        run_password_command(Profile("a", "http://x", password_command=failing))
    with pytest.raises(ProfileError, match="could not run"):
        run_password_command(Profile("a", "http://x", password_command="/nonexistent/x"))


def test_exit_statuses_and_the_worst_of_several() -> None:
    assert [
        exit_status(e)
        for e in (InvalidParams(), AccessDenied(), TokenError(), TooManyAttempts(), S20Timeout("t"))
    ] == [1, 3, 3, 4, 5]
    assert worst([0, 1, 3]) == 3
    assert worst([4, 5, 1]) == 5
    assert worst([2, 1]) == 2
    assert worst([]) == 0


def test_a_lockout_line_says_how_long_to_wait() -> None:
    told = TooManyAttempts("too many failed logins: try again in 42 seconds")
    assert (
        describe(told)
        == "locked out: error -32003: too many failed logins: try again in 42 seconds"
    )
    untold = TooManyAttempts("too many failed logins")  # a device that gives no figure
    assert describe(untold) == "locked out: error -32003: too many failed logins; wait up to 300 s"
