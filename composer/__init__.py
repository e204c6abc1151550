"""Newsletter Composer: assemble a member newsletter from reusable blocks."""
