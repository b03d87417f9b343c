"""Tests of 网格与网格员 (issue 3)."""
