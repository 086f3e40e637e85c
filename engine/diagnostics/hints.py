""" "Menade du …?": the closest known name to a mistyped one, for every kind of name.

One helper for unknown keys, ids, nämnder and statuses, so that a typo gets the same
kind of hint wherever it is made. Matching ignores case, so `minst` finds `Minst`.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable

CUTOFF = 0.6


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like `word`, or None when none is close enough."""
    choices = [o for o in options if isinstance(o, str)]
    by_fold = {o.casefold(): o for o in choices}
    match = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=CUTOFF)
    return by_fold[match[0]] if match else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (menade du 'X'?)' or '' — ready to append to a message."""
    found = closest(word, options)
    return f" (menade du '{found}'?)" if found is not None and found != word else ""


#: The operating system's reasons in Swedish, for those a user meets (the rest as the
#: system words them): 'Read-only file system' is no message for a Swedish policy officer.
OS_REASONS = {
    errno.EACCES: "åtkomst nekas",
    errno.EPERM: "åtgärden är inte tillåten",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.EISDIR: "det är en mapp",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EEXIST: "den finns redan",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EMFILE: "för många öppna filer",
    errno.EIO: "in- eller utmatningsfel på enheten",
    errno.EADDRINUSE: "adressen används redan",
    errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn",
}


def os_reason(exc: OSError) -> str:
    """Why an operation failed, in Swedish where the reason is known."""
    return OS_REASONS.get(exc.errno or -1) or exc.strerror or str(exc)
