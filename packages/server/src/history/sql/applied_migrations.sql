SELECT version, name, checksum FROM pulse.schema_migrations ORDER BY version
