"""SQL of sync: peers, watermarks, the change log read and written by origin and seq, rows merged field by field."""
