"""What every web app uses (user text, …); core imports no other web app."""
