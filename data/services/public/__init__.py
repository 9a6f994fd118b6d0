"""What anyone may see without signing in: verified figures of published cycles, never anything
else. published (the gate every public use case reads its cycles through), summary (the region's
scores, trend and indicators, with their CSV files) and export (every public CSV at once). The
public Kelana Dekela breakdown lives with its feature (kelana.public_kelana, through the same
gate); the suppressed public case table lives in cases."""
