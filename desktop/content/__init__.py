"""The Qt-free domain: study-set parsing, cross-references and text measures."""
