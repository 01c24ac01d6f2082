"""(to be written)"""

FAMILIES: dict = {}
EXAMPLES: dict = {}
