// Package chat understands what a user says in a chat-mode Video Agent session and turns
// it into edits of the storyboard. It is pure: plain data in, plain data out, no I/O, no
// clock, no randomness; the same message and context always give the same result.
//
// # Contract for the integrator
//
// On every user message of a chat session:
//
//  0. Before the first plan, a length the prompt's opening states ("a 10-second hello")
//     is PromptLength; set it as the brief's DurationSec when the request gave none. When
//     the prompt promises facts it does not give, ask for them first (a question of kind
//     OptionFacts, which offers no choices): AnswerFacts reads the answer, AddFacts puts it
//     into the brief, or the user skips.
//  1. Build a Context: the session state (StateWaitingForInput with the Options that were
//     offered, StateReviewing, or StateCompleted), the current storyboard (nil before
//     planning), its current length (CurrentSec: the rendered video's, else Estimate with
//     the voice's rate), the catalogue the user may name things from (looks, voices,
//     styles) and the message's attachments (asset ids with their kind).
//  2. Call Interpret(msg, ctx). It always returns a Reply to post as the model's message:
//     what it understood and will do, or, when it understood nothing (Understood is
//     false), what it can do. Never leave a message unanswered.
//  3. If Choice is set (state waiting_for_input), the user picked that option; the
//     matching set op (OpSetVoice, OpSetAvatar or OpSetStyle) is also in Ops.
//  4. Before planning (no storyboard yet), fold the ops into the brief with ReviseBrief and
//     plan as usual. Scene ops are never produced without a storyboard; lines to mention
//     (OpAddLine without a scene) go into the prompt.
//  5. With a storyboard: if the result carries an OpReplan (see Result.Replan), the script
//     must be rewritten: brief = ReviseBrief(brief, sb, ops); planned = planner.Plan(brief);
//     sb = CarryOver(sb, planned). When the brief asks for a length, bring the new
//     storyboard to it: Estimate it with the voice's rate, and cut what is too long with
//     FitLength (which leaves out, never writes), so that the length the reply promised is
//     the storyboard's. A replan never comes with scene-addressed ops (Interpret
//     drops them and says so in the reply), because scene ids of the old script mean
//     nothing in the new one. Then, with or without a replan, call Apply(sb, ops): it
//     applies every direct edit (presenter, voice, style, aspect ratio, captions, title,
//     call to action, music, logo, scene text, lines to mention, media, add, remove,
//     reorder) on a copy, leaves untouched scenes byte-identical with their ids, and
//     validates the result. Changes says which scene ids to re-render; Changes.Global lists storyboard
//     fields whose change re-renders every scene.
//  6. If Approve is set, render the (possibly edited) storyboard without another review.
//     Approval is only reported in StateReviewing. If FollowUp is set, the user asked for
//     another video in the same session (after completion, or "now a vertical version"):
//     keep the videos made so far and produce a new one from the edited storyboard.
//
// Scenes are understood the way users name them: "scene 2", "scene two", "the third
// scene", "the last scene", "the intro", "the pricing scene" (by slide title or words),
// "scenes 2 and 3";
// ids in ops are resolved against Context.Storyboard, so apply them to that storyboard (or
// to one re-planned from it, for the storyboard-level ops that come with an OpReplan).
//
// Facts to say are taken in the user's words: "mention that the first month is free"
// adds that sentence to the scene it fits best, or as a new scene before the call to
// action (OpAddLine, OpAddScene); the sentence's Provenance says it came from a message.
//
// The reply is in English, except approval and help replies, which follow the language of
// the message for Spanish, German and French.
package chat
