"""coursegen: competency standards (職能基準) to a static course site."""
