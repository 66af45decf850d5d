from .cli import main

# Guarded: the worker processes of a Dask LocalCluster (--scheduler local:N) are spawned,
# and a spawned process imports the main module again; it must not run the command again.
if __name__ == "__main__":
    main()
