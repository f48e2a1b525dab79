// chalk detects colour support when it loads (which loads node:tty and with it node:net), for
// its default instance. backend-path never uses that instance: its one colour policy
// (src/ui/style.ts) gives every Chalk it makes an explicit level. So the bundle skips detection.
const none = { stdout: false, stderr: false };
export function createSupportsColor() {
  return false;
}
export default none;
