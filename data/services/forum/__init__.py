"""The Forum Anak's own view of the city's evaluation, per group of the instrument."""
