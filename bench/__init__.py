"""Benchmarks at village, township and district scale; ratios against bare baselines in the same run."""
