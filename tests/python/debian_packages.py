"""Debian's Python packages for the tests (python3-pandas, python3-distributed), also under a
Python of Debian's version that is not Debian's own (a pyenv build): its packages live in
/usr/lib/python3/dist-packages."""

import importlib
import os
import sys

DEBIAN = "/usr/lib/python3/dist-packages"


def import_debian(name):
    """The module `name`, or None when neither this Python nor Debian's packages have it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        pass
    if sys.version_info[:2] == (3, 11) and os.path.isdir(DEBIAN) and DEBIAN not in sys.path:
        sys.path.append(DEBIAN)
        try:
            return importlib.import_module(name)
        except ImportError:
            pass
    return None
