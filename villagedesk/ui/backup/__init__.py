"""备份与恢复 in the GUI: 备份到U盘, 恢复, the damaged-database dialog at start, the 文件 menu."""
