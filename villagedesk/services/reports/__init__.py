"""报表上报: the report set built for a period and scope, exported to Excel and PDF, and its submission states."""
