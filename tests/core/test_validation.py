"""Field validation: every validator of both providers, names, secrets, base URLs, whole settings.

The oracles below are the documented formats (docs/providers/*.md), written out
independently of the code: a value is accepted exactly when it matches the documented format
(after trimming surrounding whitespace, which the dialogs do for non-secret fields).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains

from app.core import providers, terminals
from app.core.providers import saferpay, sunbay
from app.core.providers.base import Terminal
from app.core.validation import ValidationError, base_url, is_loopback_host

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def field(module, key):
    for f in module.FIELDS:
        if f.key == key:
            return f
    raise AssertionError(f"{module.NAME} has no field {key}")


def refused(fn, *args) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args)
    return info.value


SAFERPAY_OK = {"customer_id": "123456", "terminal_id": "12341234", "username": "API_123456_12345678"}
SUNBAY_OK = {"app_id": "app_123456", "merchant_id": "mch_789012", "terminal_sn": "T1234567890", "channel_code": "TSYS"}

# Characters the text/secret validators call control characters.
CONTROL = [chr(c) for c in range(0x20)] + ["\x7f"]


# ---------------------------------------------------------------- ValidationError itself


def test_validation_error_carries_field_and_message_and_is_a_value_error():
    err = ValidationError("terminal_id", "is missing.")
    assert isinstance(err, ValueError)
    assert err.field == "terminal_id"
    assert err.message == "is missing."
    assert str(err) == "terminal_id: is missing."


# ---------------------------------------------------------------- Saferpay terminal_id: Numeric[8..8]


@pytest.mark.parametrize("value", ["12341234", "00000000", "99999999", " 12341234 ", "12341234\n"])
def test_saferpay_terminal_id_accepts_eight_digits(value):
    assert field(saferpay, "terminal_id").validate("terminal_id", value) == value.strip()


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "1234123",
        "123412345",
        "1234 1234",
        "1234123a",
        "１２３４１２３４",
        "12341234.0",
        "-1234123",
        "+1234123",
        "١٢٣٤١٢٣٤",
    ],
)
def test_saferpay_terminal_id_refuses_non_eight_digits(value):
    err = refused(field(saferpay, "terminal_id").validate, "terminal_id", value)
    assert err.field == "terminal_id"
    assert err.message


@FAST
@given(st.from_regex(r"[0-9]{8}", fullmatch=True))
def test_saferpay_terminal_id_property_accepts_format(value):
    assert field(saferpay, "terminal_id").validate("terminal_id", value) == value


@FAST
@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"[0-9]{0,7}|[0-9]{9,12}", fullmatch=True),
        st.text(alphabet="0123456789x ", min_size=8, max_size=9),
    )
)
def test_saferpay_terminal_id_property_refuses_everything_else(value):
    assume(not re.fullmatch(r"[0-9]{8}", value.strip(), flags=re.ASCII))
    assert refused(field(saferpay, "terminal_id").validate, "terminal_id", value).field == "terminal_id"


# ---------------------------------------------------------------- Saferpay customer_id: Numeric[1..8]


@pytest.mark.parametrize("value", ["1", "123456", "12345678", "00000001"])
def test_saferpay_customer_id_accepts_one_to_eight_digits(value):
    assert field(saferpay, "customer_id").validate("customer_id", value) == value


@pytest.mark.parametrize("value", ["", "123456789", "12 34", "abc", "12-34", "1.5", "²"])
def test_saferpay_customer_id_refuses(value):
    assert refused(field(saferpay, "customer_id").validate, "customer_id", value).field == "customer_id"


@FAST
@given(st.from_regex(r"[0-9]{1,8}", fullmatch=True))
def test_saferpay_customer_id_property_accepts_format(value):
    assert field(saferpay, "customer_id").validate("customer_id", value) == value


@FAST
@given(st.one_of(st.text(max_size=12), st.from_regex(r"[0-9]{9,15}", fullmatch=True)))
def test_saferpay_customer_id_property_refuses_everything_else(value):
    assume(not re.fullmatch(r"[0-9]{1,8}", value.strip(), flags=re.ASCII))
    assert refused(field(saferpay, "customer_id").validate, "customer_id", value).field == "customer_id"


# ---------------------------------------------------------------- Saferpay spec_version


@pytest.mark.parametrize("value", ["1.53", "1.0", "1.33", "10.123", saferpay.SPEC_VERSION])
def test_saferpay_spec_version_accepts_versions(value):
    assert field(saferpay, "spec_version").validate("spec_version", value) == value


@pytest.mark.parametrize("value", ["", "1", "1.", ".53", "1.5.3", "v1.53", "123.1", "1.1234", "1,53", "latest"])
def test_saferpay_spec_version_refuses(value):
    assert refused(field(saferpay, "spec_version").validate, "spec_version", value).field == "spec_version"


@QUICK
@given(st.from_regex(r"[0-9]{1,2}\.[0-9]{1,3}", fullmatch=True))
def test_saferpay_spec_version_property_accepts_format(value):
    assert field(saferpay, "spec_version").validate("spec_version", value) == value


@QUICK
@given(st.text(alphabet="0123456789.v ", max_size=8))
def test_saferpay_spec_version_property_refuses_everything_else(value):
    assume(not re.fullmatch(r"[0-9]{1,2}\.[0-9]{1,3}", value.strip()))
    assert refused(field(saferpay, "spec_version").validate, "spec_version", value).field == "spec_version"


def test_saferpay_spec_version_default_is_latest_published():
    assert saferpay.SPEC_VERSION == "1.53"
    assert field(saferpay, "spec_version").default == "1.53"


# ---------------------------------------------------------------- Saferpay username (JSON API user)


@pytest.mark.parametrize("value", ["API_123456_12345678", "a", "x" * 100, "user.name@example", "Zürich-API"])
def test_saferpay_username_accepts_text(value):
    assert field(saferpay, "username").validate("username", value) == value


def test_saferpay_username_is_trimmed():
    assert field(saferpay, "username").validate("username", "  API_1_2  ") == "API_1_2"


@pytest.mark.parametrize("value", ["", "   ", "x" * 101, "API:1", "API\t1", "API\x001", "API\x7f"])
def test_saferpay_username_refuses(value):
    assert refused(field(saferpay, "username").validate, "username", value).field == "username"


@FAST
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters=":"),
        min_size=1,
        max_size=100,
    )
)
def test_saferpay_username_property_accepts_printable_without_colon(value):
    assume(value == value.strip())
    assert field(saferpay, "username").validate("username", value) == value


@FAST
@given(st.text(max_size=20), st.sampled_from(CONTROL + [":"]), st.text(max_size=20))
def test_saferpay_username_property_refuses_controls_and_colon(before, bad, after):
    value = f"a{before}{bad}{after}b"  # the bad character is inside, so trimming cannot remove it
    assert refused(field(saferpay, "username").validate, "username", value).field == "username"


@QUICK
@given(st.integers(101, 400))
def test_saferpay_username_property_refuses_too_long(n):
    assert refused(field(saferpay, "username").validate, "username", "u" * n).field == "username"


# ---------------------------------------------------------------- environment (both providers)


@pytest.mark.parametrize("module", [saferpay, sunbay])
@pytest.mark.parametrize("value,expected", [("test", "test"), ("live", "live"), (" LIVE ", "live"), ("Test", "test")])
def test_environment_accepts_test_and_live_case_insensitively(module, value, expected):
    assert field(module, "environment").validate("environment", value) == expected


@pytest.mark.parametrize("module", [saferpay, sunbay])
@pytest.mark.parametrize("value", ["", "prod", "production", "sandbox", "uat", "tes", "livetest"])
def test_environment_refuses_other_values(module, value):
    assert refused(field(module, "environment").validate, "environment", value).field == "environment"


@QUICK
@given(st.text(max_size=10))
def test_environment_property(value):
    check = field(saferpay, "environment").validate
    if value.strip().lower() in ("test", "live"):
        assert check("environment", value) == value.strip().lower()
    else:
        assert refused(check, "environment", value).field == "environment"


def test_environment_fields_offer_the_two_choices():
    assert field(saferpay, "environment").choices == ("test", "live")
    assert field(sunbay, "environment").choices == ("test", "live")


# ---------------------------------------------------------------- Saferpay password (secret)


@pytest.mark.parametrize("value", ["p", "secret-Passw0rd!", "x" * 32, "pass word", "pa:ss", "ümlaut-pw"])
def test_saferpay_password_accepts_up_to_32(value):
    assert saferpay.validate_secret(value) == value


@pytest.mark.parametrize(
    "value", ["", "x" * 33, " leading", "trailing ", "tab\tinside", "new\nline", "nul\x00", "\x7f"]
)
def test_saferpay_password_refuses(value):
    err = refused(saferpay.validate_secret, value)
    assert err.field == saferpay.SECRET_LABEL == "JSON API password"


def test_secret_is_kept_exactly_as_typed():
    assert saferpay.validate_secret("Ab1 !x") == "Ab1 !x"


@FAST
@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=32))
def test_saferpay_password_property_accepts_visible_ascii_up_to_32(value):
    assert saferpay.validate_secret(value) == value


@QUICK
@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=33, max_size=80))
def test_saferpay_password_property_refuses_longer_than_32(value):
    assert refused(saferpay.validate_secret, value).field == "JSON API password"


@FAST
@given(st.text(max_size=10), st.sampled_from(CONTROL), st.text(max_size=10))
def test_saferpay_password_property_refuses_control_characters(before, bad, after):
    assert refused(saferpay.validate_secret, f"a{before}{bad}{after}b"[:32]).field == "JSON API password"


# ---------------------------------------------------------------- SUNBAY ids: string(32), visible characters

SUNBAY_IDS = ["app_id", "merchant_id", "terminal_sn", "channel_code"]
SEED_IDS = {"app_id": "app_123456", "merchant_id": "mch_789012", "terminal_sn": "T1234567890", "channel_code": "TSYS"}
VISIBLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)


@pytest.mark.parametrize("key", SUNBAY_IDS)
def test_sunbay_ids_accept_the_seed_examples(key):
    assert field(sunbay, key).validate(key, SEED_IDS[key]) == SEED_IDS[key]
    assert field(sunbay, key).validate(key, f"  {SEED_IDS[key]} ") == SEED_IDS[key]


@pytest.mark.parametrize("key", SUNBAY_IDS)
@pytest.mark.parametrize("value", ["", "  ", "a b", "x" * 33, "ümlaut", "tab\there", "T123\x00", "é"])
def test_sunbay_ids_refuse(key, value):
    assert refused(field(sunbay, key).validate, key, value).field == key


@FAST
@given(st.sampled_from(SUNBAY_IDS), st.text(alphabet=VISIBLE, min_size=1, max_size=32))
def test_sunbay_ids_property_accept_1_to_32_visible_ascii(key, value):
    assert field(sunbay, key).validate(key, value) == value


@FAST
@given(
    st.sampled_from(SUNBAY_IDS), st.one_of(st.text(max_size=40), st.text(alphabet=VISIBLE, min_size=33, max_size=60))
)
def test_sunbay_ids_property_refuse_everything_else(key, value):
    assume(not re.fullmatch(r"[\x21-\x7e]{1,32}", value.strip()))
    assert refused(field(sunbay, key).validate, key, value).field == key


# ---------------------------------------------------------------- SUNBAY API key (secret)


def test_sunbay_api_key_accepts_the_seed_example():
    assert sunbay.validate_secret("sk_test_4eC39HqLyjWDarjtT1zdp7dc") == "sk_test_4eC39HqLyjWDarjtT1zdp7dc"


@pytest.mark.parametrize("value", ["", " sk_test", "sk_test ", "sk\ntest", "x" * 1001])
def test_sunbay_api_key_refuses(value):
    assert refused(sunbay.validate_secret, value).field == sunbay.SECRET_LABEL == "API key"


@QUICK
@given(st.text(alphabet=VISIBLE, min_size=1, max_size=1000))
def test_sunbay_api_key_property_accepts_visible_ascii(value):
    assert sunbay.validate_secret(value) == value


@pytest.mark.parametrize("value", ["sk_tëst_abc", "sk_test_€", "sk test inner space"])
def test_sunbay_api_key_refuses_what_cannot_go_into_a_bearer_header(value):
    assert refused(sunbay.validate_secret, value).field == "API key"


# ---------------------------------------------------------------- terminal name


@pytest.mark.parametrize("value", ["Counter 1", "Bar – Terrasse", "x" * 60, "Kasse 2 (Café)"])
def test_name_accepted(value):
    assert terminals.validate_name(value) == value


def test_name_trimmed():
    assert terminals.validate_name("  Counter 1 \n") == "Counter 1"


@pytest.mark.parametrize("value", ["", "   ", None, "x" * 61, "Counter\x001", "Counter\t1", "A\x7fB"])
def test_name_refused(value):
    assert refused(terminals.validate_name, value).field == "name"


@FAST
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=60
    )
)
def test_name_property_accepts_visible_text_up_to_60(value):
    assume(value.strip() and not set(value) & {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"})
    assume(all(unicodedata.category(c) not in ("Cn", "Co", "Cf") for c in value))  # hypothesis' Unicode may be newer
    assume(len(unicodedata.normalize("NFC", value.strip())) <= 60)
    assert terminals.validate_name(value) == unicodedata.normalize("NFC", value.strip())


@FAST
@given(
    st.text(max_size=10),
    st.sampled_from(
        [
            "\u202e",
            "\u202d",
            "\u2066",
            "\u2067",
            "\u2068",
            "\u2069",
            "\u200e",
            "\u200f",
            "\u061c",
            "\u200b",
            "\u200c",
            "\u200d",
            "\u2060",
            "\ufeff",
            "\u00ad",
            "\u2028",
            "\u2029",
            "\u0085",
            "\u3164",
            "\ue000",
        ]
    ),
    st.text(max_size=10),
)
def test_name_property_refuses_invisible_bidi_and_line_separators(before, hidden, after):
    assert refused(terminals.validate_name, f"x{before}{hidden}{after}x").field == "name"


def test_name_is_nfc_normalised():
    assert terminals.validate_name("Cafe\u0301") == "Caf\u00e9"  # e + combining acute: stored as one é


@FAST
@given(
    st.one_of(
        st.text(min_size=61, max_size=120).filter(lambda s: len(s.strip()) > 60),
        st.builds(lambda a, c, b: f"x{a}{c}{b}x", st.text(max_size=10), st.sampled_from(CONTROL), st.text(max_size=10)),
    )
)
def test_name_property_refuses_long_or_control(value):
    assert refused(terminals.validate_name, value).field == "name"


# ---------------------------------------------------------------- base_url

URL_OK = [
    "https://www.saferpay.com/api",
    "https://test.saferpay.com/api",
    "https://open.sunbay.us",
    "https://uat.example.com:8443/open/",
    "https://[2001:db8::1]:8443/api",
    "http://127.0.0.1:8080",
    "http://127.10.20.30/sim",
    "http://localhost:8000/api/",
    "http://LOCALHOST",
    "http://[::1]:9000",
]


@pytest.mark.parametrize("value", URL_OK)
def test_base_url_accepts(value):
    result = base_url("base_url", value)
    assert result == value.strip().rstrip("/")


def test_base_url_trims_spaces_and_trailing_slashes():
    assert base_url("base_url", "  https://x.example/api///  ") == "https://x.example/api"


URL_BAD = [
    "",
    "   ",
    "www.saferpay.com/api",
    "ftp://example.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://",
    "https:///path",
    "http://example.com",
    "http://10.0.0.1:8080",
    "http://192.168.1.1",
    "http://0.0.0.0:8080",
    "http://[::ffff:7f00:1]:8080",
    "http://127.0.0.1.nip.io",
    "http://localhost.evil.com",
    "http://2130706433",
    "https://user:pw@example.com",
    "https://user@example.com",
    "http://127.0.0.1@evil.com",
    "https://example.com/?a=1",
    "https://example.com/#frag",
    "https://exa mple.com",
    "https://example.com/\tx",
    "https://example.com:99999",
    "https://example.com:port",
]


@pytest.mark.parametrize("value", URL_BAD)
def test_base_url_refuses(value):
    err = refused(base_url, "base_url", value)
    assert err.field == "base_url"
    assert err.message


def test_base_url_refusing_plain_http_suggests_https():
    err = refused(base_url, "base_url", "http://uat.sunbay.example:8080/x")
    assert "https://uat.sunbay.example:8080" in err.message


hostnames = domains().filter(lambda d: d.lower() != "localhost" and not d.lower().endswith(".localhost"))


@QUICK
@given(
    hostnames,
    st.one_of(st.none(), st.integers(1, 65535)),
    st.from_regex(r"(/[A-Za-z0-9._-]{1,8}){0,3}/?", fullmatch=True),
)
def test_base_url_property_https_anything(host, port, path):
    url = f"https://{host}{'' if port is None else f':{port}'}{path}"
    assert base_url("base_url", url) == url.rstrip("/")


@QUICK
@given(hostnames, st.one_of(st.none(), st.integers(1, 65535)))
def test_base_url_property_http_to_a_named_host_is_refused(host, port):
    url = f"http://{host}{'' if port is None else f':{port}'}/api"
    assert refused(base_url, "base_url", url).field == "base_url"


@FAST
@given(st.ip_addresses(v=4), st.integers(1, 65535))
def test_base_url_property_http_only_to_127_x(ip, port):
    url = f"http://{ip}:{port}/sim"
    if ip in ipaddress.ip_network("127.0.0.0/8"):
        assert base_url("base_url", url) == url
    else:
        assert refused(base_url, "base_url", url).field == "base_url"


@FAST
@given(st.ip_addresses(v=6), st.integers(1, 65535))
def test_base_url_property_http_ipv6_only_to_loopback(ip, port):
    url = f"http://[{ip}]:{port}"
    if ip == ipaddress.IPv6Address("::1"):
        assert base_url("base_url", url) == url
    else:
        assert refused(base_url, "base_url", url).field == "base_url"
    # https to the same address is always fine
    assert base_url("base_url", f"https://[{ip}]:{port}") == f"https://[{ip}]:{port}"


@pytest.mark.parametrize(
    "host,expected",
    [
        ("localhost", True),
        ("LocalHost", True),
        ("sim.localhost", False),
        ("localhost.localdomain", False),
        ("::ffff:127.0.0.1", False),
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("10.0.0.1", False),
        ("example.com", False),
        ("localhost.example.com", False),
        ("128.0.0.1", False),
        ("", False),
    ],
)
def test_is_loopback_host(host, expected):
    assert is_loopback_host(host) is expected


@pytest.mark.parametrize("module", [saferpay, sunbay])
def test_base_url_is_an_optional_advanced_field(module):
    f = field(module, "base_url")
    assert f.required is False and f.advanced is True and f.validate is base_url


# ---------------------------------------------------------------- validate_settings


def test_validate_settings_saferpay_minimal_applies_environment_default():
    clean = terminals.validate_settings("saferpay", SAFERPAY_OK)
    assert clean == {**SAFERPAY_OK, "environment": "test"}


def test_validate_settings_saferpay_full_normalises():
    clean = terminals.validate_settings(
        "saferpay",
        {
            "customer_id": " 123456 ",
            "terminal_id": "12341234 ",
            "username": " API_123456_12345678 ",
            "environment": " LIVE ",
            "base_url": "http://127.0.0.1:8080/",
            "spec_version": "1.40",
        },
    )
    assert clean == {
        "customer_id": "123456",
        "terminal_id": "12341234",
        "username": "API_123456_12345678",
        "environment": "live",
        "base_url": "http://127.0.0.1:8080",
        "spec_version": "1.40",
    }


def test_validate_settings_optional_fields_left_empty_are_left_out():
    clean = terminals.validate_settings("saferpay", {**SAFERPAY_OK, "base_url": "", "spec_version": None})
    assert "base_url" not in clean and "spec_version" not in clean
    clean = terminals.validate_settings("sunbay", {**SUNBAY_OK, "environment": "  ", "base_url": None})
    assert clean == SUNBAY_OK


def test_validate_settings_sunbay_full():
    clean = terminals.validate_settings(
        "sunbay", {**SUNBAY_OK, "environment": "Test", "base_url": "https://uat.sunbay.example/"}
    )
    assert clean == {**SUNBAY_OK, "environment": "test", "base_url": "https://uat.sunbay.example"}


@pytest.mark.parametrize("provider,ok", [("saferpay", SAFERPAY_OK), ("sunbay", SUNBAY_OK)])
def test_validate_settings_refuses_unknown_keys(provider, ok):
    err = refused(terminals.validate_settings, provider, {**ok, "password": "hunter2"})
    assert err.field == "password"
    assert providers.get(provider).LABEL in err.message


def test_validate_settings_names_the_first_unknown_key_in_order():
    err = refused(terminals.validate_settings, "sunbay", {**SUNBAY_OK, "zzz": "1", "aaa": "2"})
    assert err.field == "aaa"


@pytest.mark.parametrize("provider,ok", [("saferpay", SAFERPAY_OK), ("sunbay", SUNBAY_OK)])
def test_validate_settings_refuses_a_missing_required_field_naming_it(provider, ok):
    module = providers.get(provider)
    required = [f for f in module.FIELDS if f.required and f.default is None]
    assert {f.key for f in required} == set(ok)
    for f in required:
        for missing in (
            {k: v for k, v in ok.items() if k != f.key},
            {**ok, f.key: ""},
            {**ok, f.key: "  "},
            {**ok, f.key: None},
        ):
            err = refused(terminals.validate_settings, provider, missing)
            assert err.field == f.key
            assert f.label in err.message


@pytest.mark.parametrize(
    "provider,key,bad",
    [
        ("saferpay", "terminal_id", "1234"),
        ("saferpay", "customer_id", "123456789"),
        ("saferpay", "username", "a:b"),
        ("saferpay", "environment", "prod"),
        ("saferpay", "base_url", "http://example.com"),
        ("saferpay", "spec_version", "one"),
        ("sunbay", "app_id", "app 1"),
        ("sunbay", "channel_code", "x" * 33),
        ("sunbay", "environment", "uat"),
        ("sunbay", "base_url", "ftp://x"),
    ],
)
def test_validate_settings_refuses_a_bad_value_naming_the_field(provider, key, bad):
    ok = SAFERPAY_OK if provider == "saferpay" else SUNBAY_OK
    assert refused(terminals.validate_settings, provider, {**ok, key: bad}).field == key


def test_validate_settings_unknown_provider():
    with pytest.raises(KeyError, match="saferpay"):
        terminals.validate_settings("paypal", {})


@QUICK
@given(
    st.fixed_dictionaries(
        {
            "customer_id": st.from_regex(r"[0-9]{1,8}", fullmatch=True),
            "terminal_id": st.from_regex(r"[0-9]{8}", fullmatch=True),
            "username": st.from_regex(r"API_[0-9]{1,8}_[0-9]{8}", fullmatch=True),
        },
        optional={
            "environment": st.sampled_from(["test", "live", "TEST", " Live "]),
            "spec_version": st.from_regex(r"[0-9]{1,2}\.[0-9]{1,3}", fullmatch=True),
        },
    )
)
def test_validate_settings_property_saferpay_roundtrip(settings_):
    clean = terminals.validate_settings("saferpay", settings_)
    assert clean["environment"] == settings_.get("environment", "test").strip().lower()
    for key in ("customer_id", "terminal_id", "username", "spec_version"):
        assert clean.get(key) == settings_.get(key)
    # validating twice changes nothing
    assert terminals.validate_settings("saferpay", clean) == clean


@pytest.mark.parametrize(
    "provider,key,value",
    [("saferpay", "environment", 1), ("saferpay", "base_url", 8080), ("sunbay", "environment", True)],
)
def test_validate_settings_refuses_non_string_values_with_validation_error(provider, key, value):
    ok = SAFERPAY_OK if provider == "saferpay" else SUNBAY_OK
    assert refused(terminals.validate_settings, provider, {**ok, key: value}).field == key


@pytest.mark.parametrize(
    "provider,key,value",
    [("saferpay", "terminal_id", 12341234), ("saferpay", "username", 7), ("sunbay", "app_id", 123)],
)
def test_validate_settings_non_string_ids_are_refused(provider, key, value):
    ok = SAFERPAY_OK if provider == "saferpay" else SUNBAY_OK
    assert refused(terminals.validate_settings, provider, {**ok, key: value}).field == key


# ---------------------------------------------------------------- new_terminal, environment, display_id


def test_new_terminal_validates_and_normalises():
    t = terminals.new_terminal(" Counter 1 ", "saferpay", {**SAFERPAY_OK, "terminal_id": " 12341234 "})
    assert t.name == "Counter 1" and t.provider == "saferpay"
    assert t.settings["terminal_id"] == "12341234" and t.settings["environment"] == "test"
    assert re.fullmatch(r"[0-9a-f]{32}", t.id)
    assert terminals.new_terminal("B", "saferpay", SAFERPAY_OK).id != t.id
    assert terminals.display_id(t) == "12341234"
    assert terminals.environment(t) == "test"


def test_new_terminal_refuses_bad_name_and_bad_settings():
    assert refused(terminals.new_terminal, "", "sunbay", SUNBAY_OK).field == "name"
    assert refused(terminals.new_terminal, "T", "sunbay", {**SUNBAY_OK, "terminal_sn": ""}).field == "terminal_sn"


@pytest.mark.parametrize(
    "extra,expected",
    [
        ({}, "live"),
        ({"base_url": "https://open.sunbay.us"}, "live"),
        ({"base_url": "https://open.sunbay.us/"}, "live"),
        ({"base_url": "https://uat.sunbay.example"}, "test"),
        ({"base_url": "http://127.0.0.1:8080"}, "test"),
        ({"base_url": "https://uat.sunbay.example", "environment": "live"}, "live"),
        ({"environment": "test"}, "test"),
    ],
)
def test_sunbay_environment_follows_base_url_unless_explicit(extra, expected):
    t = terminals.new_terminal("T", "sunbay", {**SUNBAY_OK, **extra})
    assert terminals.environment(t) == expected
    assert terminals.display_id(t) == "T1234567890"


def test_saferpay_environment_defaults_to_test_for_a_bare_terminal():
    t = Terminal("x", "T", "saferpay", dict(SAFERPAY_OK))
    assert saferpay.environment(t) == "test"
    assert saferpay.display_id(Terminal("x", "T", "saferpay", {})) == ""


def test_registry():
    assert providers.get("saferpay") is saferpay.PROVIDER and providers.get("sunbay") is sunbay.PROVIDER
    assert all(isinstance(p, providers.Provider) for p in providers.PROVIDERS.values())
    with pytest.raises(KeyError, match="does not know"):
        providers.get("nope")
