from harness.cli import main

if __name__ == "__main__":  # `python -m harness`; importing this module runs nothing
    raise SystemExit(main())
