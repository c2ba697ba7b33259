"""`make bench`: speed and scale figures printed beside their baselines.

Each bench module defines `run(workdir, report)` and calls
`report(issue, what, figure, baseline, target)` for every figure measured.
"""
