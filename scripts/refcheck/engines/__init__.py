"""The language engines the checker's prose rules drive: hunspell spelling and glossary matching.

May import: `mdsource` and the standard library (hunspell runs as a Debian program). Never the
rules in `refcheck.checks`, which call these.
"""
