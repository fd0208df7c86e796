"""Actions on values: the only code that writes observations, rounds, tasks and notifications."""
