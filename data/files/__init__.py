"""File formats: xlsx and csv readers and writers, apart from the use cases."""
