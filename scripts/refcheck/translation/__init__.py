"""The translator's tools: which English version each translation follows, and what is left.

One module per job: `pages` (languages, pages, front matter, content hashes), `originals` (the
English versions translations were reviewed against), `diff`, `status`, `marking`
(`mark-translated`), `languages` (`add-language`) and `commands` (the sub-commands).

Sub-commands of `python3 scripts/site.py` (each runs inside `.venv/`):

    status [--lang es] [--markdown | --json]   pages translated, stale, missing; words to translate
    mark-translated PAGE... | --lang es --all  record that a translation follows the English page now
    translation-diff PAGE                      the English changes since the translation was reviewed
    add-language LOCALE [--name NAME]          a new language: mkdocs.yml, pages marked untranslated

How a translation records its English version
---------------------------------------------

A translated page names the English text it translates in its front matter:

    ---
    translation_of: 3f2a9c1b7d4e5a60
    ---

The value is the first 16 hex digits of the SHA-256 of the English page's *normalized* source
(`english_hash`): the whole file, front matter included (the page description is translated too),
with line ends, trailing spaces and the wrapping of paragraphs ignored, so re-wrapping an English
paragraph does not make its translations stale while any change of words does. A hash survives
shallow clones, rebases and squashes, unlike git dates.

The English text itself is kept too, so that a translator can see *what* changed ("the English
diff since that version") without git history: `mark-translated` stores it, once per version and
shared by all languages, as `translations/originals/<page>.<hash>.md` (content-addressed: the name
is the hash of the content, which is verified when read). When that file is missing (a hash written
by hand, a pruned file), the diff is looked up in git history when there is some; otherwise the
command says it cannot show the diff and the translator reviews the whole page.

A page created by `add-language` is a copy of the English page with `translation_state:
untranslated` in its front matter: the site shows it with the "not translated yet" notice until a
translator translates it and runs `mark-translated`, which removes the mark.

mkdocs.yml is read as text and data (never executing its tags) and changed as text, so that
comments, `!ENV` tags and layout stay as they were.

May import: the standard library at module level (`scripts/site.py` imports `commands` before
`.venv/` exists); `mdsource` and third-party packages inside functions. Never `refcheck`: the
checker depends on this package, not the other way round.
"""
