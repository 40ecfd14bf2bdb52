module github.com/xstream-go/xstream

go 1.26

require github.com/google/btree v1.1.3
