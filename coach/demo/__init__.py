"""The demo team: a fictional Dutch/English team so a newcomer sees value in a minute."""
