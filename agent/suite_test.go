package agent_test

import (
	"testing"

	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/plannertest"
)

func TestBuiltinPlannerSuite(t *testing.T) {
	plannertest.Run(t, agent.NewPlanner(agent.Options{}), nil)
}
