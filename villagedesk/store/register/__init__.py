"""SQL of the household and resident register, one module per job."""
