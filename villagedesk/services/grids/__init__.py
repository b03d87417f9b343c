"""Use cases of 网格与网格员: grids, workers, rotation, evaluation, reserve cadres, training, stipends."""
