"""argmap: map the arguments in online discussion threads.

>>> import argmap
>>> thread = argmap.read_thread("threads/russian-trolls-study.txt")  # doctest: +SKIP
>>> amap = argmap.analyze(thread)                                     # doctest: +SKIP
>>> print(amap.to_json())                                             # doctest: +SKIP
"""

from .errors import ArgmapError, ThreadFormatError
from .model import SCHEMA, ArgumentMap, Comment, Evidence, Relation, Thread, Unit
from .pipeline import analyze
from .readers import FORMATS, parse_thread, read_thread
from .settings import Settings
from .workflow import Analysis, analyze_bytes, analyze_file

__version__ = "0.1.0"

__all__ = [
    "SCHEMA", "Analysis", "ArgmapError", "ArgumentMap", "Comment", "Evidence", "FORMATS", "Relation",
    "Settings", "Thread", "ThreadFormatError", "Unit", "analyze", "analyze_bytes", "analyze_file",
    "parse_thread", "read_thread",
]
