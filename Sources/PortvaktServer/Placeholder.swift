enum _PlaceholderPortvaktServer {}
