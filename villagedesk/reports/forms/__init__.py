"""The report set's table builders: one per report of the catalogue, each Source -> ReportTable."""
