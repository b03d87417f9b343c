"""The district's (区县) use cases: its node, the townships' aggregate packages, the overview one level up."""
