/** The colour theme: follow the system's light/dark preference, or pin one (remembered; see app/theme.ts). */
import { setTheme, THEME_CHOICES, useTheme, type ThemeChoice } from '../theme';

export function ThemeSelect() {
  const choice = useTheme((s) => s.choice);
  return (
    <label>
      Theme{' '}
      <select value={choice} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
