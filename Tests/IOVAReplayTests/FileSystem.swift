import TestSupport

func listDirectory(_ path: String) -> [String] { FileIO.list(path) }
func readTextFile(_ path: String) -> String? { FileIO.read(path) }
