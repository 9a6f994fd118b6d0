"""Action plans (RAD KLA) of a region's cycle and their progress."""
