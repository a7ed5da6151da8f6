"""Security policy of the web app, free of Chainlit: which origins are trusted, which login
sessions are alive, how fast a guesser may try, how untrusted text is made inert.

The Chainlit side (coach/app/guard.py) only wires these into the running server; every rule
here is testable without it. docs/security.md is the threat model behind them.
"""
