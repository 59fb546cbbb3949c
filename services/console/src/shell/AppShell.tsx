import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** Id of each page's <h1>, which takes focus after in-app navigation so screen readers announce the new page. */
export const PAGE_TITLE_ID = 'page-title';

/**
 * The signed-in frame: header, side navigation and main area. Below 1025 px the navigation folds into a menu
 * (a disclosure: the button says whether it is open; Escape, a click elsewhere or leaving it closes it).
 */
export function AppShell() {
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const headerRef = useRef<HTMLElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  const closeMenu = useCallback((returnFocus: boolean) => {
    setMenuOpen(false);
    if (returnFocus) menuButtonRef.current?.focus();
  }, []);

  // The open menu hangs below the sticky header, whose height changes with width and language.
  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header) return;
    const publish = () =>
      document.documentElement.style.setProperty('--header-height', `${header.getBoundingClientRect().height}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!menuOpen) return;
    navRef.current?.querySelector<HTMLElement>('a[href]')?.focus();
    const outside = (target: EventTarget | null) =>
      target instanceof Node && !navRef.current?.contains(target) && !menuButtonRef.current?.contains(target);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      closeMenu(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (outside(event.target)) closeMenu(false);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (outside(event.target)) closeMenu(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [menuOpen, closeMenu]);

  // After in-app navigation, move focus to the new page's heading (not on first load: the browser starts at the top).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [location.pathname]);

  return (
    <div className="app">
      <SkipLink />
      <AppHeader
        ref={headerRef}
        menuOpen={menuOpen}
        menuButtonRef={menuButtonRef}
        onToggleMenu={() => setMenuOpen((open) => !open)}
      />
      <div className="app-body">
        <SideNav ref={navRef} open={menuOpen} onNavigate={() => setMenuOpen(false)} />
        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
