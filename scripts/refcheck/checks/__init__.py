"""The source checks, one module per family of rules. See `refcheck.registry` for how to add one:
each module declares `RULES: list[Rule]` and `check(project, config) -> Iterable[Finding]`."""
