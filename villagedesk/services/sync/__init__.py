"""数据同步 use cases: pairing with a peer, writing a package for it, importing one from it, the status."""
