// Turns Throwable.printStackTrace() text into "class.method" frames, innermost first.

const MAX_FRAMES = 32;

const FRAME_PREFIX = "\tat ";

// "\tat java.base/java.lang.Thread.run(Thread.java:833)" → "java.lang.Thread.run".
// The optional "loader/module@version/" prefix ends at the last "/": class names contain none.
function frameName(line: string): string {
  const open = line.indexOf("(");
  const target = line.slice(FRAME_PREFIX.length, open === -1 ? undefined : open);
  return target.slice(target.lastIndexOf("/") + 1);
}

// Frames of the agent's own Throwable, should a runtime not hide its constructor.
const AGENT_FRAMES: ReadonlySet<string> = new Set([
  "java.lang.Throwable.<init>",
  "java.lang.Throwable.fillInStackTrace",
]);

// `hookFrames` names the frames of the hook itself (the hooked method shows up as a native frame):
// like the agent's frames, they lead the trace and are not the caller.
export function parseStack(trace: string, hookFrames: ReadonlySet<string>): string[] {
  const frames: string[] = [];
  let leading = true;
  for (const line of trace.split("\n")) {
    if (!line.startsWith(FRAME_PREFIX)) {
      continue;
    }
    const frame = frameName(line.trimEnd());
    if (leading && (hookFrames.has(frame) || AGENT_FRAMES.has(frame))) {
      continue;
    }
    leading = false;
    frames.push(frame);
    if (frames.length === MAX_FRAMES) {
      break;
    }
  }
  return frames;
}
