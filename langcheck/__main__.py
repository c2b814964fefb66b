"""`python -m langcheck`: the same as the `langcheck` command."""
from langcheck.cli.main import main

if __name__ == "__main__":
    main()
