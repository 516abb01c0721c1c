enum _PlaceholderPortvaktCLI {}
