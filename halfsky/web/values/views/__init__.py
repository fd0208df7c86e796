"""The pages of reporting: the rounds and their board, a department's task, the Excel template, the import of earlier years."""
