"""Remote: SPARQL 1.1 stores elsewhere: run library queries on them, and push the graphs there."""
