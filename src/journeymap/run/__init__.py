"""What happens around the renderers when a command runs, downhill:

    settings, arguments, discovery -> plan -> pipeline (validate, render)
    -> writer -> Report

Each command is one function from a request to a `report.Report`
(`validate.run_validate`, `render.run_render`, `analyse.run_stats`, ...);
a request that cannot be carried out raises `journeymap.errors.UsageError`
before anything is written. The command line only prints the Report
(`printer.show`) and exits with its code; a program can call the same
functions and read the Report instead.
"""
