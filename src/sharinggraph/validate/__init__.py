"""Validate: the built graph checked against the SHACL shapes in ontology/shapes, findings by notice."""
