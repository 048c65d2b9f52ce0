module github.com/openvideoagent/videoagent

go 1.26.8
