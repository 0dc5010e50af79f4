from sheetflow.cli import main

main(prog_name="sheetflow")
