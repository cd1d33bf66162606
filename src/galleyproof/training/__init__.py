"""Training: examples from noise, the loop, threshold calibration, the whole pipeline."""
