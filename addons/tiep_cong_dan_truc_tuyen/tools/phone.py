"""Vietnamese phone numbers, checked against the current numbering plan with Google's libphonenumber
(the ``phonenumbers`` package): mobile numbers of 10 digits, landlines of 11 digits with the area codes
of 2017 (02x)."""

import re

import phonenumbers

# The 11-digit mobile prefixes converted to 10 digits in 2018 by Bộ Thông tin và Truyền thông: the
# subscriber's 7 last digits are kept.
OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039",
    "0186": "056", "0188": "058",
    "0199": "059",
}  # fmt: skip
ACCEPTED_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def _national(number):
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_error(env, phone):
    """Why ``phone`` (in its national form, 0…) is not a current Vietnamese mobile or landline number, as a
    sentence in the user's language; False when it is one (or empty). An old 11-digit mobile number gets its
    new number."""
    if not phone:
        return False
    old = re.fullmatch(r"(01\d\d)(\d{7})", phone)
    if old and old[1] in OLD_MOBILE_PREFIXES:
        new = phonenumbers.parse(OLD_MOBILE_PREFIXES[old[1]] + old[2], "VN")
        return env._(
            "%(phone)s is an old 11-digit mobile number: its prefix %(old)s became %(new)s in 2018 (conversion by "
            "Bộ Thông tin và Truyền thông). Check with the citizen and enter the new number %(number)s.",
            phone=phone,
            old=old[1],
            new=OLD_MOBILE_PREFIXES[old[1]],
            number=_national(new),
        )
    try:
        number = phonenumbers.parse(phone, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number and phonenumbers.is_valid_number_for_region(number, "VN"):
        if phonenumbers.number_type(number) in ACCEPTED_TYPES:
            return False
    return env._(
        "%(phone)s is not a valid Vietnamese phone number: a mobile number has 10 digits (e.g. 0912 345 678), a "
        "landline 11 digits, the province's area code of 2017 then the subscriber's number (e.g. 0255 3822 000).",
        phone=phone,
    )
